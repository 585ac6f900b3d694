import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Nothing for cognito-elements: Vite emits its SRP worker by itself, in `vite` and in `vite build`.
export default defineConfig({
  plugins: [react()],
});
