//! The `user_settings` and `users` tables, for the local user.

use super::canvases::LOCAL_USER;
use crate::error_map::SqliteResultExt;
use koda_core::{EpochMs, Profile, Settings, StoreResult, Theme};
use rusqlite::{params, Connection, OptionalExtension};

/// The local user's settings; defaults when none were saved yet.
pub fn get(conn: &Connection) -> StoreResult<Settings> {
    let row: Option<(String, Option<String>, Option<String>)> = conn
        .prepare_cached(
            "SELECT theme, default_model, preferences FROM user_settings WHERE user_id = ?1",
        )
        .store_err()?
        .query_row([LOCAL_USER], |row| {
            Ok((row.get(0)?, row.get(1)?, row.get(2)?))
        })
        .optional()
        .store_err()?;
    let Some((theme, default_model, preferences)) = row else {
        return Ok(Settings::default());
    };
    // `preferences` holds everything; the seed's own columns are authoritative for what they hold.
    let mut settings: Settings = match preferences {
        Some(text) => serde_json::from_str(&text).unwrap_or_default(),
        None => Settings::default(),
    };
    settings.theme = Theme::parse(&theme);
    settings.default_image_model = default_model;
    Ok(settings)
}

/// Saves the local user's settings.
pub fn set(conn: &Connection, settings: &Settings, now: EpochMs) -> StoreResult<()> {
    conn.prepare_cached(
        "INSERT INTO user_settings (user_id, theme, default_model, preferences, updated_at) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (user_id) DO UPDATE SET theme = excluded.theme, default_model = excluded.default_model,
           preferences = excluded.preferences, updated_at = excluded.updated_at",
    )
    .store_err()?
    .execute(params![
        LOCAL_USER,
        settings.theme.as_str(),
        settings.default_image_model,
        serde_json::to_string(settings)?,
        now
    ])
    .store_err()?;
    Ok(())
}

/// The local user's profile.
pub fn get_profile(conn: &Connection) -> StoreResult<Profile> {
    let profile = conn
        .prepare_cached("SELECT id, name, email, avatar_url FROM users WHERE id = ?1")
        .store_err()?
        .query_row([LOCAL_USER], |row| {
            Ok(Profile {
                id: row.get(0)?,
                name: row.get::<_, Option<String>>(1)?.unwrap_or_default(),
                email: row.get(2)?,
                avatar_url: row.get(3)?,
            })
        })
        .optional()
        .store_err()?;
    Ok(profile.unwrap_or_else(|| Profile {
        id: LOCAL_USER.into(),
        name: "You".into(),
        email: None,
        avatar_url: None,
    }))
}

/// Saves the local user's profile (its id is always the local user's).
pub fn set_profile(conn: &Connection, profile: &Profile, now: EpochMs) -> StoreResult<()> {
    conn.prepare_cached(
        "INSERT INTO users (id, name, email, avatar_url, created_at) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, email = excluded.email, avatar_url = excluded.avatar_url",
    )
    .store_err()?
    .execute(params![LOCAL_USER, profile.name, profile.email, profile.avatar_url, now])
    .store_err()?;
    Ok(())
}
