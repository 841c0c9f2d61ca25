#![no_main]

use koda_fuzz::SqliteFlavour;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = koda_fuzz::import_sqlite(data, SqliteFlavour::Web);
});
