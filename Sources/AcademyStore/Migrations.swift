import Foundation
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
        migrator.registerMigration("v3: practical assessments, certifications, audit log") { db in
            try db.execute(sql: """
                CREATE TABLE practical (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    candidate_id INTEGER NOT NULL REFERENCES account(id),
                    assessor_id INTEGER NOT NULL REFERENCES account(id),
                    programme TEXT NOT NULL,
                    rubric TEXT NOT NULL,
                    observed_on TEXT NOT NULL,
                    place TEXT NOT NULL,
                    scores TEXT NOT NULL,
                    notes TEXT NOT NULL,
                    passed INTEGER NOT NULL,
                    recorded_at REAL NOT NULL,
                    CHECK (candidate_id <> assessor_id)
                );
                CREATE INDEX practical_candidate ON practical(candidate_id);
                CREATE INDEX practical_assessor ON practical(assessor_id);
                CREATE TABLE certification (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    account_id INTEGER NOT NULL REFERENCES account(id),
                    programme TEXT NOT NULL,
                    code TEXT NOT NULL UNIQUE,
                    issued_at REAL NOT NULL,
                    expires_at REAL,
                    founding_reason TEXT,
                    granted_by INTEGER REFERENCES account(id),
                    revoked_at REAL,
                    revoked_reason TEXT,
                    needs_review INTEGER NOT NULL DEFAULT 0
                );
                CREATE INDEX certification_account ON certification(account_id);
                CREATE TABLE certification_basis (
                    certification_id INTEGER NOT NULL REFERENCES certification(id),
                    practical_id INTEGER NOT NULL REFERENCES practical(id),
                    PRIMARY KEY (certification_id, practical_id)
                ) WITHOUT ROWID;
                CREATE TABLE audit (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    at REAL NOT NULL,
                    actor TEXT NOT NULL,
                    action TEXT NOT NULL,
                    subject TEXT NOT NULL,
                    details TEXT NOT NULL,
                    previous_hash TEXT NOT NULL,
                    hash TEXT NOT NULL
                );
                """)
        }
        migrator.registerMigration("v4: cohorts") { db in
            try db.execute(sql: """
                CREATE TABLE cohort (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    code TEXT NOT NULL UNIQUE,
                    name TEXT NOT NULL,
                    kind TEXT NOT NULL CHECK (kind IN ('pre-service', 'in-service')),
                    track TEXT NOT NULL,
                    starts_on TEXT NOT NULL,
                    ends_on TEXT NOT NULL,
                    created_at REAL NOT NULL,
                    CHECK (ends_on >= starts_on)
                );
                CREATE TABLE cohort_member (
                    cohort_id INTEGER NOT NULL REFERENCES cohort(id) ON DELETE CASCADE,
                    account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
                    role TEXT NOT NULL CHECK (role IN ('trainee', 'instructor')),
                    added_at REAL NOT NULL,
                    PRIMARY KEY (cohort_id, account_id)
                ) WITHOUT ROWID;
                CREATE INDEX cohort_member_account ON cohort_member(account_id);
                """)
        }
        migrator.registerMigration("v5: a submission's graded answers in one column") { db in
            // Ten rows (and their index entries) per submission made recording a submission several times
            // the work of recording progress. The answers now live on the attempt as one JSON array of
            // {"q": question, "o": objective, "s": score, "a": answer or null}; reports read them with
            // SQLite's json_each. Answers recorded before this migration are carried over.
            try db.execute(sql: """
                ALTER TABLE attempt ADD COLUMN answers TEXT;
                UPDATE attempt SET answers = (
                    SELECT json_group_array(json_object('q', question, 'o', objective, 's', score, 'a', json(answer)))
                    FROM attempt_answer WHERE attempt_id = attempt.id
                ) WHERE submitted_at IS NOT NULL;
                DROP TABLE attempt_answer;
                """)
        }
        migrator.registerMigration("v6: a counter of changes to accounts and sessions") { db in
            // Servers cache sessions; a change made by another process (`academy users disable`) must
            // reach them. Triggers count every such change, whoever makes it, and a server compares the
            // count about once a second instead of re-reading each session every few seconds.
            try db.execute(sql: """
                CREATE TABLE change_counter (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    value INTEGER NOT NULL
                );
                INSERT INTO change_counter (id, value) VALUES (1, 0);
                CREATE TRIGGER account_changed AFTER UPDATE OF login, name, role, track, password_hash, must_change_password, disabled ON account
                BEGIN UPDATE change_counter SET value = value + 1; END;
                CREATE TRIGGER account_deleted AFTER DELETE ON account
                BEGIN UPDATE change_counter SET value = value + 1; END;
                CREATE TRIGGER session_deleted AFTER DELETE ON session
                BEGIN UPDATE change_counter SET value = value + 1; END;
                """)
        }
        migrator.registerMigration("v7: criteria marked not applicable in a practical assessment") { db in
            // A rubric may let the assessor mark a criterion not applicable (one incident leaves nothing
            // to separate); the pass rule then leaves it out. Earlier assessments scored every criterion.
            try db.execute(sql: "ALTER TABLE practical ADD COLUMN not_applicable TEXT NOT NULL DEFAULT '[]'")
        }
        migrator.registerMigration("v8: an attempt's drawn questions as JSON") { db in
            // Drawn questions were stored as lines of `id:2,0,1`; they are now a JSON array of
            // {"id": ID, "order": [2, 0, 1]}, the same Codable form as everywhere else. Each attempt is
            // carried over.
            let rows = try Row.fetchAll(db, sql: "SELECT id, questions FROM attempt")
            for row in rows {
                let text: String = row["questions"]
                let questions: [[String: Any]] = text.split(separator: "\n").compactMap { line in
                    guard let colon = line.firstIndex(of: ":") else { return nil }
                    let order = line[line.index(after: colon)...].split(separator: ",").compactMap { Int($0) }
                    return ["id": String(line[..<colon]), "order": order]
                }
                let json = String(decoding: try JSONSerialization.data(withJSONObject: questions, options: [.sortedKeys]), as: UTF8.self)
                try db.execute(sql: "UPDATE attempt SET questions = ? WHERE id = ?", arguments: [json, row["id"] as Int64])
            }
        }
        migrator.registerMigration("v9: each account's language") { db in
            // The language the person reads the platform in (en, ru, ky): NULL until they choose one at
            // their first sign-in; until then the browser's language or the course's default is used.
            // Cached sessions carry it, so a change must reach them.
            try db.execute(sql: """
                ALTER TABLE account ADD COLUMN language TEXT;
                CREATE TRIGGER account_language_changed AFTER UPDATE OF language ON account
                BEGIN UPDATE change_counter SET value = value + 1; END;
                """)
        }
        migrator.registerMigration("v10: teaching a cohort: attendance, pre- and post-tests, anonymous feedback, planned practicals") { db in
            // Feedback is anonymous by construction: an answer row holds its cohort and its answers, keyed by
            // a random id in a table without rowid, so neither a column nor the insertion order links it to
            // the account; that an account has answered is kept apart, without a time.
            try db.execute(sql: """
                CREATE TABLE attendance (
                    cohort_id INTEGER NOT NULL REFERENCES cohort(id) ON DELETE CASCADE,
                    day TEXT NOT NULL,
                    session TEXT NOT NULL,
                    account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
                    present INTEGER NOT NULL,
                    reason TEXT NOT NULL DEFAULT '',
                    recorded_by INTEGER NOT NULL REFERENCES account(id),
                    recorded_at REAL NOT NULL,
                    PRIMARY KEY (cohort_id, day, session, account_id)
                ) WITHOUT ROWID;
                CREATE TABLE cohort_phase (
                    cohort_id INTEGER NOT NULL REFERENCES cohort(id) ON DELETE CASCADE,
                    phase TEXT NOT NULL CHECK (phase IN ('pre-test', 'post-test', 'feedback')),
                    opened_at REAL NOT NULL,
                    closed_at REAL,
                    PRIMARY KEY (cohort_id, phase)
                ) WITHOUT ROWID;
                ALTER TABLE cohort_member ADD COLUMN first_form TEXT CHECK (first_form IN ('A', 'B'));
                CREATE TABLE feedback_answer (
                    id TEXT PRIMARY KEY,
                    cohort_id INTEGER NOT NULL REFERENCES cohort(id) ON DELETE CASCADE,
                    answers TEXT NOT NULL
                ) WITHOUT ROWID;
                CREATE TABLE feedback_given (
                    cohort_id INTEGER NOT NULL REFERENCES cohort(id) ON DELETE CASCADE,
                    account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
                    PRIMARY KEY (cohort_id, account_id)
                ) WITHOUT ROWID;
                CREATE TABLE practical_plan (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    cohort_id INTEGER NOT NULL REFERENCES cohort(id) ON DELETE CASCADE,
                    candidate_id INTEGER NOT NULL REFERENCES account(id),
                    assessor_id INTEGER NOT NULL REFERENCES account(id),
                    programme TEXT NOT NULL,
                    rubric TEXT NOT NULL,
                    day TEXT NOT NULL,
                    created_at REAL NOT NULL
                );
                CREATE INDEX practical_plan_assessor ON practical_plan(assessor_id);
                CREATE INDEX practical_plan_cohort ON practical_plan(cohort_id);
                """)
        }
        migrator.registerMigration("v11: a test's score per objective") { db in
            // The programme report's gain per objective sums these; tests submitted before are carried over.
            try db.execute(sql: """
                CREATE TABLE test_objective (
                    attempt_id INTEGER NOT NULL REFERENCES attempt(id) ON DELETE CASCADE,
                    objective TEXT NOT NULL,
                    score REAL NOT NULL,
                    items INTEGER NOT NULL,
                    PRIMARY KEY (attempt_id, objective)
                ) WITHOUT ROWID;
                INSERT INTO test_objective (attempt_id, objective, score, items)
                SELECT t.id, json_extract(j.value, '$.o'), SUM(json_extract(j.value, '$.s')), COUNT(*)
                FROM attempt t, json_each(t.answers) j
                WHERE t.assessment LIKE 'test:%' AND t.submitted_at IS NOT NULL GROUP BY t.id, json_extract(j.value, '$.o');
                """)
        }
        return migrator
    }
}
