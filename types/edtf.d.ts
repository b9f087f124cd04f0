declare module 'edtf' {
  interface EdtfValue {
    type: string;
    min: number;
    max: number;
    edtf: string;
  }
  function edtf(text: string, options?: { level?: number }): EdtfValue;
  export function parse(text: string, options?: { level?: number }): unknown;
  export default edtf;
}
