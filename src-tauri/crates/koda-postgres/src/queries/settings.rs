//! The `user_settings` and `users` tables, for the person this instance signs in as.

use super::Tx;
use crate::error_map::PgResultExt;
use koda_core::{EpochMs, Profile, Settings, StoreResult, Theme};

/// Makes sure the person has a `users` row (canvases and settings refer to it).
pub fn ensure_user(tx: &mut Tx<'_>, user_id: &str, name: &str) -> StoreResult<()> {
    tx.execute(
        "INSERT INTO users (id, name) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING",
        &[&user_id, &name],
    )
    .pg_err()?;
    Ok(())
}

/// The person's settings; defaults when none were saved yet.
pub fn get(tx: &mut Tx<'_>, user_id: &str) -> StoreResult<Settings> {
    let row = tx
        .query_opt(
            "SELECT theme, default_model, preferences::text FROM user_settings WHERE user_id = $1",
            &[&user_id],
        )
        .pg_err()?;
    let Some(row) = row else {
        return Ok(Settings::default());
    };
    // `preferences` holds everything; the seed's own columns are authoritative for what they hold.
    let mut settings: Settings = row
        .get::<_, Option<String>>(2)
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default();
    settings.theme = Theme::parse(row.get(0));
    settings.default_image_model = row.get(1);
    Ok(settings)
}

/// Saves the person's settings.
pub fn set(tx: &mut Tx<'_>, user_id: &str, settings: &Settings, now: EpochMs) -> StoreResult<()> {
    tx.execute(
        "INSERT INTO user_settings (user_id, theme, default_model, preferences, updated_at)
         VALUES ($1, $2, $3, $4::text::jsonb, koda_ts($5))
         ON CONFLICT (user_id) DO UPDATE SET theme = excluded.theme, default_model = excluded.default_model,
           preferences = excluded.preferences, updated_at = excluded.updated_at",
        &[
            &user_id,
            &settings.theme.as_str(),
            &settings.default_image_model,
            &serde_json::to_string(settings)?,
            &now,
        ],
    )
    .pg_err()?;
    Ok(())
}

/// The person's profile.
pub fn get_profile(tx: &mut Tx<'_>, user_id: &str) -> StoreResult<Profile> {
    let row = tx
        .query_opt(
            "SELECT id, name, email, avatar_url FROM users WHERE id = $1",
            &[&user_id],
        )
        .pg_err()?;
    Ok(match row {
        Some(row) => Profile {
            id: row.get(0),
            name: row.get::<_, Option<String>>(1).unwrap_or_default(),
            email: row.get(2),
            avatar_url: row.get(3),
        },
        None => Profile {
            id: user_id.to_owned(),
            name: "You".into(),
            email: None,
            avatar_url: None,
        },
    })
}

/// Saves the person's profile (its id is always the person's).
pub fn set_profile(tx: &mut Tx<'_>, user_id: &str, profile: &Profile) -> StoreResult<()> {
    tx.execute(
        "INSERT INTO users (id, name, email, avatar_url) VALUES ($1, $2, $3, $4)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, email = excluded.email, avatar_url = excluded.avatar_url",
        &[&user_id, &profile.name, &profile.email, &profile.avatar_url],
    )
    .pg_err()?;
    Ok(())
}
