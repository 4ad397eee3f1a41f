//! VADER-faithful sentiment (being built; see the open issue on care intelligence).
