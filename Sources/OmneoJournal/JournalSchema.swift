// The journal's tables, as migrations: a database is moved forward one named step at a time, and one
// holding steps this build does not know is refused (see `Journal.open`).
import GRDB

enum JournalSchema {
    /// 128 random bits, hex: the salt of this journal's token fingerprints.
    static func newSalt() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<4).map { _ in
            let hex = String(UInt32.random(in: .min ... .max, using: &generator), radix: 16)
            return String(repeating: "0", count: 8 - hex.count) + hex
        }.joined()
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-runs") { db in
            try db.execute(sql: """
                CREATE TABLE run (
                    id TEXT PRIMARY KEY,
                    kind TEXT NOT NULL,             -- run | undo
                    tenant TEXT NOT NULL,
                    resumable INTEGER NOT NULL,     -- 0 for the built-in sandbox, which ends with the run
                    recipe_path TEXT NOT NULL,      -- absolute
                    directory TEXT NOT NULL,        -- the working directory (relative files in arguments)
                    recipe_hash TEXT NOT NULL,
                    recipe_text BLOB NOT NULL,
                    arguments TEXT NOT NULL,        -- JSON [[key, value], ...]
                    dry_run INTEGER NOT NULL,
                    undo_of TEXT,
                    report_path TEXT,
                    started_at DOUBLE NOT NULL,
                    ended_at DOUBLE,
                    exit_code INTEGER,
                    error TEXT,
                    attempts INTEGER NOT NULL DEFAULT 1,
                    pid INTEGER                     -- the process of the latest attempt (a live one is not resumed)
                );
                CREATE INDEX run_started ON run(started_at);
                CREATE TABLE write (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    run_id TEXT NOT NULL REFERENCES run(id) ON DELETE CASCADE,
                    attempt INTEGER NOT NULL,
                    operation TEXT NOT NULL,        -- WriteOperation: attach | detach | upsert | upsert-replace | create | update | delete | purge
                    handles TEXT NOT NULL,          -- JSON [[handle]], one list per profile id
                    profile_ids TEXT NOT NULL,      -- JSON [id]
                    payload TEXT,                   -- profile writes: a hash of the request body (resume matches on it)
                    state TEXT NOT NULL,            -- intent | sent | refused | finished | pending
                    batch_id TEXT,
                    http_status INTEGER,
                    error TEXT,
                    batch_status TEXT,
                    failures TEXT,                  -- JSON [[profile_id, error], ...]
                    created_at DOUBLE NOT NULL,
                    updated_at DOUBLE NOT NULL
                );
                CREATE INDEX write_run ON write(run_id, id);
                CREATE TABLE outcome (
                    run_id TEXT NOT NULL REFERENCES run(id) ON DELETE CASCADE,
                    seq INTEGER NOT NULL,
                    key TEXT NOT NULL,
                    profile_id TEXT,
                    outcome TEXT NOT NULL,
                    detail TEXT,
                    PRIMARY KEY (run_id, seq)
                );
                CREATE TABLE before_status (
                    run_id TEXT NOT NULL REFERENCES run(id) ON DELETE CASCADE,
                    profile_id TEXT NOT NULL,
                    statuses TEXT NOT NULL,         -- JSON [handle]
                    read_at DOUBLE NOT NULL,
                    PRIMARY KEY (run_id, profile_id)
                );
                CREATE TABLE lookup (
                    run_id TEXT NOT NULL REFERENCES run(id) ON DELETE CASCADE,
                    tenant TEXT NOT NULL,
                    email TEXT NOT NULL,
                    answer TEXT NOT NULL,           -- JSON {"total": n, "profiles": [[id, [handle]], ...]}
                    answered_at DOUBLE NOT NULL,
                    PRIMARY KEY (run_id, email)
                );
                CREATE INDEX lookup_cache ON lookup(tenant, email, answered_at);
                CREATE TABLE profile_state (
                    tenant TEXT NOT NULL,
                    profile_id TEXT NOT NULL,
                    statuses TEXT NOT NULL,         -- JSON [handle], as last read, amended by confirmed writes
                    known_at DOUBLE NOT NULL,
                    PRIMARY KEY (tenant, profile_id)
                );
                """)
        }
        migrator.registerMigration("v2-reads") { db in
            try db.execute(sql: """
                CREATE TABLE read (
                    run_id TEXT NOT NULL REFERENCES run(id) ON DELETE CASCADE,
                    key TEXT NOT NULL,              -- the request: `page email=...&page=1&size=100`, `profile ID`
                    ordinal INTEGER NOT NULL,       -- the n-th time the run asked this
                    answer BLOB NOT NULL,           -- the answer as JSON
                    PRIMARY KEY (run_id, key, ordinal)
                );
                """)
        }
        // Tenant identity (base URL + salted token fingerprint) instead of the tenant's name; the lookup
        // cache keeps ids only, so the statuses it used to carry (profile_state) go.
        migrator.registerMigration("v3-identity") { db in
            try db.execute(sql: """
                CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
                ALTER TABLE run ADD COLUMN base_url TEXT;       -- NULL: a run from before identities (not resumed or undone)
                ALTER TABLE run ADD COLUMN identity TEXT;       -- TenantIdentity.key
                UPDATE lookup SET tenant = 'name:' || tenant;   -- a name is no identity: old answers are never reused
                ALTER TABLE lookup ADD COLUMN reused INTEGER NOT NULL DEFAULT 0;  -- taken from the cache: never a cache source
                DROP TABLE profile_state;
                """)
            try db.execute(sql: "INSERT INTO meta (key, value) VALUES ('salt', ?)", arguments: [Self.newSalt()])
        }
        // A cached id's before-state, read through the handles' holders, covers those handles only.
        migrator.registerMigration("v4-before-covers") { db in
            try db.execute(sql: """
                ALTER TABLE before_status ADD COLUMN covers TEXT;  -- JSON [handle]: only these were read; NULL: the whole set
                """)
        }
        // What `resume` keeps of a run unless given again (RunOptions): pace, cache window, folders.
        migrator.registerMigration("v5-run-options") { db in
            try db.execute(sql: """
                ALTER TABLE run ADD COLUMN options TEXT;  -- JSON RunOptions; NULL for runs from before it (defaults)
                """)
        }
        // The tags a profile held before a run changed them (issue 19): `undo` puts them back.
        migrator.registerMigration("v6-before-tags") { db in
            try db.execute(sql: """
                CREATE TABLE before_tags (
                    run_id TEXT NOT NULL REFERENCES run(id) ON DELETE CASCADE,
                    profile_id TEXT NOT NULL,
                    tags TEXT NOT NULL,             -- JSON [tag], in the tenant's order
                    read_at DOUBLE NOT NULL,
                    PRIMARY KEY (run_id, profile_id)
                );
                """)
        }
        // What a profile held before a run changed one of its identities or custom attributes (BeforeFields):
        // the first read of the run wins, so `undo` puts back what was there before the run.
        migrator.registerMigration("v7-before-identities-attributes") { db in
            try db.execute(sql: """
                CREATE TABLE before_field (
                    run_id TEXT NOT NULL REFERENCES run(id) ON DELETE CASCADE,
                    profile_id TEXT NOT NULL,
                    kind TEXT NOT NULL,             -- 'identity' (key: its handle) or 'attribute' (key: namespace:handle)
                    key TEXT NOT NULL,
                    value TEXT,                     -- JSON: the identifier, or {type, value}; NULL: the profile had none
                    read_at DOUBLE NOT NULL,
                    PRIMARY KEY (run_id, profile_id, kind, key)
                );
                """)
        }
        // The run report as a page (`--html`): each row's input line, and per attempt who ran it and its
        // requests per second with 429s, retries and the spans spent waiting (RunTimeline), written once at its end.
        migrator.registerMigration("v8-timeline") { db in
            try db.execute(sql: """
                ALTER TABLE outcome ADD COLUMN line INTEGER;  -- the input line (the report's `row`); NULL: none named, or older
                CREATE TABLE run_timeline (
                    run_id TEXT NOT NULL REFERENCES run(id) ON DELETE CASCADE,
                    attempt INTEGER NOT NULL,
                    who TEXT NOT NULL,              -- user@host of the process
                    seconds TEXT NOT NULL,          -- JSON [[unix second, requests, 429s, retries], ...], seconds with any
                    waits TEXT NOT NULL,            -- JSON [[kind, start, end], ...]: batch (a batch waited for), pause (Retry-After)
                    recorded_at DOUBLE NOT NULL,
                    PRIMARY KEY (run_id, attempt)
                );
                """)
        }
        // Runs of one fan-out (`--tenant a --tenant b`, a glob, --all-tenants) share a group: `runs` shows it,
        // `undo GROUP` takes the whole fan-out back.
        migrator.registerMigration("v9-groups") { db in
            try db.execute(sql: """
                ALTER TABLE run ADD COLUMN group_id TEXT;  -- NULL: a run of one tenant
                CREATE INDEX run_group ON run(group_id);
                """)
        }
        return migrator
    }
}
