// One Vite build for the four examples (one page each), so the tests install and build once.
import react from '@vitejs/plugin-react';
import vue from '@vitejs/plugin-vue';
import { isFenqiElement } from 'fenqi/vue';
import { defineConfig } from 'vite';

export default defineConfig({
  // The plain HTML page loads the self-contained script a merchant serves from its own server or a CDN: the
  // package's dist/widget/ (fenqi.js and the bill panel it loads on demand), copied as it is.
  publicDir: 'node_modules/fenqi/dist/widget',
  plugins: [react(), vue({ template: { compilerOptions: { isCustomElement: isFenqiElement } } })],
  build: {
    rolldownOptions: {
      input: {
        html: 'html/index.html',
        vanilla: 'vanilla/index.html',
        react: 'react/index.html',
        vue: 'vue/index.html',
      },
    },
  },
});
