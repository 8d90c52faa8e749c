//! Yew components and the reducer. Components only send [`state::Msg`]s; side effects
//! (worker, files, downloads) go through [`crate::browser`].

pub mod app;
pub mod document_view;
pub mod entity_list;
pub mod input_panel;
pub mod keys;
pub mod state;

pub use app::App;
