//! The backend-independent conformance suite, run on SQLite files and on `:memory:`.

mod on_file {
    koda_core::store_conformance_tests!(|| {
        let dir = tempfile::tempdir().unwrap();
        let store = koda_sqlite::SqliteStore::open_file(&dir.path().join("koda.db")).unwrap();
        // Keep the directory for the whole test: leak it, the OS temp cleaner removes it.
        std::mem::forget(dir);
        store
    });
}

mod in_memory {
    koda_core::store_conformance_tests!(|| {
        koda_sqlite::SqliteStore::open(&koda_core::config::DatabaseLocation::Memory).unwrap()
    });
}
