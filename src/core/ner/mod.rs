//! Bulletin-aware entity recognition: rules plus a trained model (see issue 4).
