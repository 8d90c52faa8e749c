//! Yew components and the reducer. Components only send [`state::Msg`]s; side effects
//! (worker, files, downloads) go through [`crate::browser`].

pub mod action_bar;
pub mod agreement;
pub mod annotator;
pub mod app;
pub mod charts;
pub mod cleanup;
pub mod document_view;
pub mod documents;
pub mod draft_tools;
pub mod entity_list;
pub mod hooks;
pub mod i18n;
pub mod input_panel;
pub mod keys;
pub mod label_editor;
pub mod learning;
pub mod legend;
pub mod outline_view;
pub mod reader;
pub mod report_card;
pub mod state;
pub mod transfer;
pub mod update_banner;

pub use app::App;
