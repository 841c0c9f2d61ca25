//! Conformance cases for settings, the profile, and asset and generation rows.

use crate::fixtures::*;
use crate::model::*;
use crate::store::Store;

pub fn settings_have_defaults_and_round_trip(store: &impl Store) {
    assert_eq!(store.get_settings().unwrap(), Settings::default());
    let settings = Settings {
        theme: Theme::Light,
        default_image_model: Some("flux-pro".into()),
        default_video_model: Some("veo".into()),
        canvas: CanvasPreferences {
            snap_to_grid: false,
            grid_size: 8,
            show_minimap: false,
        },
        backups_to_keep: 3,
        generation: GenerationPreferences {
            parallel_runs: 5,
            monthly_cap_usd: Some(25.5),
            default_models: [("imageGenerator".to_owned(), "flux-pro".to_owned())].into(),
        },
        history: HistorySettings {
            keep_all_hours: 48,
            hourly_days: 7,
        },
    };
    store.set_settings(&settings).unwrap();
    assert_eq!(store.get_settings().unwrap(), settings);
    let dark = Settings {
        theme: Theme::System,
        ..settings
    };
    store.set_settings(&dark).unwrap();
    assert_eq!(store.get_settings().unwrap().theme, Theme::System);
}

pub fn profile_round_trips(store: &impl Store) {
    let mut profile = store.get_profile().unwrap();
    assert!(!profile.id.is_empty());
    profile.name = "Ada".into();
    profile.email = Some("ada@example.com".into());
    store.set_profile(&profile).unwrap();
    assert_eq!(store.get_profile().unwrap(), profile);
}

pub fn asset_and_generation_rows_round_trip(store: &impl Store) {
    let canvas = sample_canvas("assets");
    store.save_canvas(&canvas).unwrap();
    let image = asset("asset-1", &canvas.id);
    store.put_asset(&image).unwrap();
    assert_eq!(store.get_asset("asset-1").unwrap(), Some(image.clone()));
    assert_eq!(
        store.list_assets(Some(&canvas.id)).unwrap(),
        vec![image.clone()]
    );
    assert_eq!(store.list_assets(None).unwrap().len(), 1);
    let generation = generation("gen-1", &canvas.id, "asset-1");
    store.put_generation(&generation).unwrap();
    assert_eq!(
        store.get_generation("gen-1").unwrap(),
        Some(generation.clone())
    );
    assert_eq!(
        store.list_generations(&canvas.id).unwrap(),
        vec![generation]
    );
    // An asset row for a canvas that does not exist is refused.
    assert!(store.put_asset(&asset("asset-2", "ghost")).is_err());
    store.delete_asset("asset-1").unwrap();
    assert_eq!(store.get_asset("asset-1").unwrap(), None);
    assert_eq!(
        store
            .get_generation("gen-1")
            .unwrap()
            .unwrap()
            .result_asset_id,
        None
    );
}

pub fn purge_removes_the_canvas_rows(store: &impl Store) {
    let canvas = sample_canvas("purged");
    store.save_canvas(&canvas).unwrap();
    store.put_asset(&asset("asset-p", &canvas.id)).unwrap();
    store.purge_canvas(&canvas.id).unwrap();
    assert!(store.list_assets(None).unwrap().is_empty());
}
