import GRDB

/// The schema, as named migrations. A migration is never edited once shipped: change the schema by
/// adding the next one. Migrations are SQL and use no application types, so old ones keep compiling.
enum Migrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: accounts, sessions, progress") { db in
            try db.execute(sql: """
                CREATE TABLE account (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    login TEXT NOT NULL UNIQUE,
                    name TEXT NOT NULL,
                    role TEXT NOT NULL CHECK (role IN ('trainee', 'admin')),
                    track TEXT,
                    password_hash TEXT NOT NULL,
                    must_change_password INTEGER NOT NULL DEFAULT 0,
                    disabled INTEGER NOT NULL DEFAULT 0,
                    created_at REAL NOT NULL
                );
                CREATE TABLE session (
                    token_hash TEXT PRIMARY KEY,
                    account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
                    csrf_token TEXT NOT NULL,
                    created_at REAL NOT NULL,
                    last_seen_at REAL NOT NULL
                );
                CREATE INDEX session_account ON session(account_id);
                CREATE TABLE progress (
                    account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
                    lesson TEXT NOT NULL,
                    content_hash TEXT NOT NULL,
                    studied_at REAL NOT NULL,
                    PRIMARY KEY (account_id, lesson)
                ) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("v2: quiz and examination attempts") { db in
            try db.execute(sql: """
                CREATE TABLE attempt (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
                    assessment TEXT NOT NULL,
                    seed INTEGER NOT NULL,
                    questions TEXT NOT NULL,
                    started_at REAL NOT NULL,
                    deadline REAL NOT NULL,
                    submitted_at REAL,
                    percent INTEGER,
                    passed INTEGER,
                    content_hash TEXT NOT NULL
                );
                CREATE INDEX attempt_account ON attempt(account_id, assessment);
                CREATE TABLE attempt_answer (
                    attempt_id INTEGER NOT NULL REFERENCES attempt(id) ON DELETE CASCADE,
                    question TEXT NOT NULL,
                    objective TEXT NOT NULL,
                    answer TEXT,
                    score REAL NOT NULL,
                    PRIMARY KEY (attempt_id, question)
                ) WITHOUT ROWID;
                CREATE INDEX attempt_answer_question ON attempt_answer(question);
                """)
        }
        return migrator
    }
}
