// Placeholder so the package graph loads while the target is written; deleted when real sources land.
