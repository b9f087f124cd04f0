/** Stylesheets imported by browser code are bundled by esbuild (scripts/build-web.mjs), not by tsc. */
declare module '*.css';
