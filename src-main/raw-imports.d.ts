// Text files bundled into the build with Vite's `?raw` suffix.
declare module '*?raw' {
  const text: string;
  export default text;
}
