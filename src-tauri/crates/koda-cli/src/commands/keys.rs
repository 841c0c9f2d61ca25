//! `koda keys set|ls|rm`: AI provider keys. A value is read from standard input only and is
//! never printed, not even in part.

use crate::cli::KeysCommand;
use koda_core::config::StorageConfig;
use koda_core::{StoreError, StoreResult};
use koda_secrets::{ApiKeys, KeyLocation, Secret};
use std::io::Read;

pub fn run(config: &StorageConfig, command: KeysCommand) -> StoreResult<String> {
    let keys = ApiKeys::new(&config.data_dir);
    match command {
        KeysCommand::Set { name, .. } => {
            let mut value = String::new();
            std::io::stdin().read_to_string(&mut value).map_err(|e| {
                StoreError::Io(format!("cannot read the key from standard input: {e}"))
            })?;
            let location = keys.set(&name, &Secret::new(value.trim()))?;
            Ok(format!("stored the {name} key in {}", describe(location)))
        }
        KeysCommand::Ls { json } => {
            let list = keys.list()?;
            if json {
                return Ok(serde_json::to_string_pretty(&list)?);
            }
            if list.is_empty() {
                return Ok("no keys yet: koda keys set fal --stdin".into());
            }
            Ok(list
                .iter()
                .map(|k| format!("{:<12} {}", k.name, describe(k.location)))
                .collect::<Vec<_>>()
                .join("\n"))
        }
        KeysCommand::Rm { name } => match keys.remove(&name)? {
            true => Ok(format!("removed the {name} key")),
            false => Err(StoreError::NotFound {
                what: "key",
                id: name,
            }),
        },
    }
}

fn describe(location: KeyLocation) -> &'static str {
    match location {
        KeyLocation::Keychain => "the OS keychain",
        KeyLocation::SealedFile => "the data folder, encrypted (no OS keychain available)",
        KeyLocation::Environment => "the environment (it overrides what is stored)",
    }
}
