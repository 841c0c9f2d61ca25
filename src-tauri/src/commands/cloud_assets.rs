//! Settings → Asset storage: a bucket (S3, Cloudflare R2, Supabase Storage) that every asset
//! file is uploaded to in the background, so canvases open on another device. The secret key
//! travels from the UI to here once, when typed; it is stored sealed and never sent back.

use crate::state::{blocking, AppState};
use koda_backends::object_storage::parse_provider;
use koda_backends::{
    configured_object_storage, object_storage_from_env, save_object_storage, CloudAssets,
    UploadStatus,
};
use koda_core::{ErrorPayload, StoreError, StoreResult};
use koda_objects::{normalize_prefix, ObjectConfig, Secret, DEFAULT_PREFIX};
use serde::{Deserialize, Serialize};
use std::sync::Arc;
use tauri::{AppHandle, Emitter, Manager, Runtime, State};
use ts_rs::TS;

/// The event carrying upload progress after each background pass.
pub const UPLOADS_EVENT: &str = "koda://asset-uploads";

/// What Settings → Asset storage shows. Never the secret key.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AssetStorageStatus {
    pub enabled: bool,
    /// Set by `ASSET_STORAGE` and `S3_*`, which Settings cannot change.
    pub from_environment: bool,
    #[ts(optional)]
    pub provider: Option<String>,
    #[ts(optional)]
    pub bucket: Option<String>,
    #[ts(optional)]
    pub region: Option<String>,
    #[ts(optional)]
    pub endpoint: Option<String>,
    #[ts(optional)]
    pub access_key: Option<String>,
    #[ts(optional)]
    pub prefix: Option<String>,
    pub uploads: UploadStatus,
}

/// The bucket as typed in Settings.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AssetStorageInput {
    /// `s3`, `r2` or `supabase`.
    pub provider: String,
    pub bucket: String,
    #[ts(optional)]
    pub region: Option<String>,
    #[ts(optional)]
    pub endpoint: Option<String>,
    pub access_key: String,
    /// Absent to keep the secret already saved (editing other fields).
    #[ts(optional)]
    pub secret_key: Option<String>,
    #[ts(optional)]
    pub prefix: Option<String>,
}

fn non_empty(value: Option<String>) -> Option<String> {
    value.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty())
}

impl AssetStorageInput {
    /// The bucket settings, taking the saved secret when none was typed.
    fn to_config(&self, saved: Option<&ObjectConfig>) -> StoreResult<ObjectConfig> {
        let provider = parse_provider(&self.provider)?;
        let secret = match non_empty(self.secret_key.clone()) {
            Some(secret) => Secret::new(secret),
            None => saved
                .map(|c| c.secret_key.clone())
                .ok_or_else(|| StoreError::Config("enter the secret access key".into()))?,
        };
        let config = ObjectConfig {
            provider,
            bucket: self.bucket.trim().to_owned(),
            region: non_empty(self.region.clone()).unwrap_or_else(|| {
                if provider == koda_objects::Provider::R2 {
                    "auto"
                } else {
                    "us-east-1"
                }
                .into()
            }),
            endpoint: non_empty(self.endpoint.clone()),
            access_key: self.access_key.trim().to_owned(),
            secret_key: secret,
            prefix: normalize_prefix(
                &non_empty(self.prefix.clone()).unwrap_or_else(|| DEFAULT_PREFIX.into()),
            )?,
        };
        config.validate()?;
        Ok(config)
    }
}

/// Starts background uploads for `cloud`, telling the UI after each pass.
pub fn start_uploads<R: Runtime>(app: &AppHandle<R>, cloud: &Arc<CloudAssets>) {
    let emitter = app.clone();
    cloud.start(move |status| {
        let _ = emitter.emit(UPLOADS_EVENT, status);
    });
}

fn status_of(state: &AppState) -> StoreResult<AssetStorageStatus> {
    let config = configured_object_storage(&state.config)?;
    let uploads = state
        .cloud_assets()
        .map(|cloud| cloud.status())
        .unwrap_or_default();
    Ok(AssetStorageStatus {
        enabled: config.is_some(),
        from_environment: object_storage_from_env(),
        provider: config.as_ref().map(|c| c.provider.as_str().to_owned()),
        bucket: config.as_ref().map(|c| c.bucket.clone()),
        region: config.as_ref().map(|c| c.region.clone()),
        endpoint: config.as_ref().and_then(|c| c.endpoint.clone()),
        access_key: config.as_ref().map(|c| c.access_key.clone()),
        prefix: config.as_ref().map(|c| c.prefix.clone()),
        uploads,
    })
}

#[tauri::command]
pub async fn asset_storage_status<R: Runtime>(
    app: AppHandle<R>,
) -> Result<AssetStorageStatus, ErrorPayload> {
    blocking(move || status_of(&app.state::<AppState>())).await
}

/// Checks the bucket answers with these keys; saves nothing.
#[tauri::command]
pub async fn asset_storage_test(
    state: State<'_, AppState>,
    settings: AssetStorageInput,
) -> Result<(), ErrorPayload> {
    let config = state.config.clone();
    blocking(move || {
        let saved = configured_object_storage(&config).ok().flatten();
        let bucket = settings.to_config(saved.as_ref())?;
        koda_objects::ObjectAssets::open(&bucket)?.check()
    })
    .await
}

/// Turns the bucket on (after checking it answers), changes it, or (with `None`) turns it off.
/// Files already uploaded stay in the bucket; local files are never removed.
#[tauri::command]
pub async fn asset_storage_save<R: Runtime>(
    app: AppHandle<R>,
    settings: Option<AssetStorageInput>,
) -> Result<AssetStorageStatus, ErrorPayload> {
    let handle = app.clone();
    blocking(move || {
        let state = handle.state::<AppState>();
        if object_storage_from_env() {
            return Err(StoreError::Config(
                "asset storage is set by environment variables (ASSET_STORAGE, S3_*); change them instead".into(),
            ));
        }
        let data_dir = state.config.data_dir.clone();
        match settings {
            None => {
                save_object_storage(&data_dir, None)?;
                state.set_cloud_assets(None);
            }
            Some(input) => {
                let saved = configured_object_storage(&state.config).ok().flatten();
                let bucket = input.to_config(saved.as_ref())?;
                let cloud = Arc::new(CloudAssets::open(&data_dir, &bucket)?);
                cloud.objects().check()?;
                save_object_storage(&data_dir, Some(&bucket))?;
                start_uploads(&handle, &cloud);
                state.set_cloud_assets(Some(cloud));
            }
        }
        status_of(&state)
    })
    .await
}

/// Uploads what is missing from the bucket now.
#[tauri::command]
pub async fn asset_storage_upload_now(
    state: State<'_, AppState>,
) -> Result<UploadStatus, ErrorPayload> {
    let cloud = state.cloud_assets().ok_or_else(|| {
        StoreError::Config("asset storage is off; set a bucket first".into()).to_payload()
    })?;
    blocking(move || {
        // A failed pass is recorded in the status the UI shows; it is not an error here.
        let _ = cloud.upload_now();
        Ok(cloud.status())
    })
    .await
}
