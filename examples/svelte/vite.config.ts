import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// Nothing for cognito-elements: Vite emits its SRP worker by itself.
export default defineConfig({
  plugins: [svelte()],
});
