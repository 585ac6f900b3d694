import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

// Nothing here for cognito-elements' SRP worker: Vite finds it in the package by itself, in `vite`
// and in `vite build`. The one line is Vue's own: render <cognito-*> tags as custom elements.
export default defineConfig({
  plugins: [vue({ template: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('cognito-') } } })],
});
