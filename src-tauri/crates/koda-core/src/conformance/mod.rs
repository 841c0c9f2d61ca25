//! The conformance suite: what every storage backend must do, written against the store traits
//! only. A backend runs it with
//! `koda_core::store_conformance_tests!(|| make_a_fresh_store());` in an integration test, which
//! expands to one `#[test]` per case.

mod canvases;
mod generations;
mod history;
mod patches;
mod records;
pub mod servers;
mod vectors;

pub use crate::fixtures::*;
pub use canvases::*;
pub use generations::*;
pub use history::*;
pub use patches::*;
pub use records::*;
pub use vectors::*;

/// Expands to one `#[test]` per conformance case, each on a fresh store from `$make`.
#[macro_export]
macro_rules! store_conformance_tests {
    ($make:expr) => {
        /// The rules shared with the browser store (`conformance/vectors`).
        #[test]
        fn shared_vectors() {
            $crate::conformance::run_shared_vectors(|| ($make)());
        }

        $crate::__store_conformance_cases!($make;
            empty_store_lists_nothing,
            create_list_and_get,
            list_is_newest_first_with_real_node_counts,
            save_and_get_round_trip_every_field,
            save_replaces_content_and_bumps_revision,
            save_rejects_bad_canvases_and_writes_nothing,
            import_keeps_timestamps,
            import_many_is_all_or_nothing,
            rename_changes_name_and_revision,
            duplicate_copies_nodes_and_edges,
            trash_restore_and_purge,
            missing_canvases_are_not_found,
            patch_moves_one_node,
            patch_with_stale_revision_conflicts_and_writes_nothing,
            patch_deleting_a_node_deletes_its_edges,
            patch_with_edge_to_missing_node_writes_nothing,
            patch_appends_new_nodes_in_order,
            patch_sets_viewport_and_name,
            patch_matches_the_reference_model,
            large_canvas_round_trips,
            settings_have_defaults_and_round_trip,
            profile_round_trips,
            asset_and_generation_rows_round_trip,
            purge_removes_the_canvas_rows,
            events_arrive_after_commit_only,
            thumbnail_does_not_bump_revision,
            generation_runs_round_trip_and_open_ones_are_listed,
            finishing_a_run_writes_its_outputs_into_the_node,
            search_finds_edited_text_and_forgets_replaced_text,
            versions_are_listed_shown_and_restored,
            pruning_keeps_what_the_policy_promises,
        );
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __store_conformance_cases {
    ($make:expr; $($case:ident),* $(,)?) => {
        $(
            #[test]
            fn $case() {
                let store = ($make)();
                $crate::conformance::$case(&store);
            }
        )*
    };
}
