/// Something that draws itself into a rectangle of a cell buffer.
///
/// Views are values built from app state for one frame; they keep no state of their own
/// (selection and scroll offsets live in the app's state) and never touch the terminal.
/// A view draws only inside `area`: pass `clip: area` to `CellBuffer.put`.
public protocol View {
  /// Draws into `area` of `buffer`; `area` is already clipped to the buffer.
  func render(into buffer: inout CellBuffer, area: Rect)
}
