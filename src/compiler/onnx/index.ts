/** ONNX export: graph + trained weights → the bytes of `model.onnx` (opset 13, channels-last inputs and outputs). */
export { exportOnnx, onnxRefusals, OnnxExportError, ONNX_IR_VERSION, ONNX_OPSET } from './export';
export type { OnnxExportOptions, OnnxRefusal } from './export';
