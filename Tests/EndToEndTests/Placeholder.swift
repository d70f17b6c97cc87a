// Placeholder so the package graph loads; replaced by real tests.
