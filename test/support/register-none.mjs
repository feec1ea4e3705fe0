// The real-Electron suite runs without the electron double: this file intentionally registers
// nothing, so test files cannot accidentally see the double.
export {};
