/// <reference types="vite/client" />

interface ImportMetaEnv {
  readonly VITE_COGNITO_ENDPOINT?: string;
}
