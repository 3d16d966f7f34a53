// electron-vite replaces import.meta.env.DEV at build time (false in production), so code behind
// it never reaches a packaged app. Declared to match vite's and electron-vite's own typings.
interface ImportMetaEnv {
  DEV: boolean;
}
interface ImportMeta {
  readonly env: ImportMetaEnv;
}
