//! A Chinese bulletin reader and annotator.
//!
//! - [`core`]: pure Rust (text, offsets, segmentation, recognition, annotations, formats),
//!   tested natively.
//! - [`ui`]: Yew components and the reducer; they never touch the DOM directly.
//! - [`browser`]: the only code that touches the DOM, storage, files and workers.
//!
//! Offsets in files and in the core are Unicode code points, end exclusive.

pub mod browser;
pub mod core;
pub mod ui;
