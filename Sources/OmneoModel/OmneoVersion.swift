// omneo-run's version, written once: `omneo-run --version` prints it and every request's User-Agent carries it.
public enum OmneoVersion {
    public static let current = "0.18.0"
}
