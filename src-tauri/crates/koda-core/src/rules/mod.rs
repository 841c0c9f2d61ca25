//! The rules of writing a canvas, once, for every backend: each backend implements
//! [`TxRunner`] and [`StoreTx`] with its SQL and gets the store traits from here.
//! The same rules, as data, are the shared vectors in `conformance/vectors` that the browser
//! store runs too.

mod canvases;
mod history;
mod records;
mod search;
mod tx;

pub use canvases::ORD_SHIFT;
pub use search::reindex_all;
pub use tx::{Bump, IndexEntry, IndexHit, Order, StoreTx, TxRunner};
