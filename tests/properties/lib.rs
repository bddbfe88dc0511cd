//! Nothing here: the property tests are in `tests/`.
