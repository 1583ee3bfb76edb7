// The suites that read the sandbox's clock (pace, pauses) or load both cores run one at a time,
// so one's burst of work cannot bunch the other's requests in the request log.
import Testing

@Suite(.serialized) enum TimedSuites {}
