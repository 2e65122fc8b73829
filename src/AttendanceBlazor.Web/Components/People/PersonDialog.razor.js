// The People page takes face samples with the same camera code as the kiosk: start, capture a still as a Blob
// (handed to .NET as a stream), stop.
export { start, capture, stop } from '../Kiosk/Kiosk.razor.js';
