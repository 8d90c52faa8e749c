//! The pure core: no yew, web-sys, gloo or js-sys, so everything here is tested natively.

pub mod action;
pub mod agreement;
pub mod annotations;
pub mod bytes;
pub mod cleanup;
pub mod compressed;
pub mod dict;
pub mod document;
pub mod entity;
pub mod error;
pub mod formats;
pub mod label;
pub mod lexicon;
pub mod ner;
pub mod oov;
pub mod outline;
pub mod persist;
pub mod pipeline;
pub mod pos;
pub mod recognise;
pub mod sample;
pub mod segment;
pub mod selection;
pub mod split;
pub mod text;
pub mod time;

pub use error::CoreError;
