//! API keys in a real OS keychain: the Secret Service of a gnome-keyring started by `.ci/test`
//! (`dbus-run-session` with `KODA_TEST_KEYCHAIN=1`). Outside that session this test only checks
//! the fallback: without a session bus, keys go to the sealed file.

use koda_secrets::{ApiKeys, KeyLocation, Secret};

#[test]
fn keys_go_to_the_keychain_when_one_runs_else_the_sealed_file() {
    let dir = tempfile::tempdir().unwrap();
    let keys = ApiKeys::new(dir.path());
    let name = format!("test-{}", std::process::id());
    let location = keys
        .set(&name, &Secret::new("sk-keychain-test-value"))
        .unwrap();
    let expect_keychain = std::env::var("KODA_TEST_KEYCHAIN").is_ok_and(|v| v == "1");
    if expect_keychain {
        assert_eq!(
            location,
            KeyLocation::Keychain,
            "a Secret Service runs in this session"
        );
    } else if std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_none() {
        assert_eq!(
            location,
            KeyLocation::SealedFile,
            "no session bus: the sealed file"
        );
    }
    assert_eq!(
        keys.get(&name).unwrap().unwrap().expose(),
        "sk-keychain-test-value"
    );
    let index = std::fs::read_to_string(dir.path().join("api-keys.json")).unwrap();
    assert!(!index.contains("sk-keychain-test-value"), "{index}");
    assert!(keys.remove(&name).unwrap());
    assert!(keys.get(&name).unwrap().is_none());
}

#[test]
fn the_master_key_lives_in_the_keychain_when_one_runs() {
    use koda_secrets::master_key::{master_key_home, KeyHome, KEY_FILE};
    let dir = tempfile::tempdir().unwrap();
    // A key file from before: moved into the keychain when one answers.
    std::fs::write(dir.path().join(KEY_FILE), [7u8; 32]).unwrap();
    let home = master_key_home(dir.path(), true).unwrap();
    let expect_keychain = std::env::var("KODA_TEST_KEYCHAIN").is_ok_and(|v| v == "1");
    if expect_keychain {
        assert_eq!(home, KeyHome::Keychain);
        assert!(
            !dir.path().join(KEY_FILE).exists(),
            "the data folder no longer holds its own key"
        );
        // Sealed values made with the old file still open: it is the same key.
        assert_eq!(
            master_key_home(dir.path(), true).unwrap(),
            KeyHome::Keychain
        );
    } else if std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_none() {
        assert_eq!(home, KeyHome::File);
        assert!(dir.path().join(KEY_FILE).exists());
    }
    let sealed = koda_secrets::sealed::seal(dir.path(), "tok-123").unwrap();
    assert_eq!(
        koda_secrets::sealed::open(dir.path(), &sealed).unwrap(),
        "tok-123"
    );
}
