import 'fenqi';
// The tags' types for Vue templates (props and @fenqi-… events).
import type {} from 'fenqi/vue';
import { createApp } from 'vue';
import Checkout from './Checkout.vue';

createApp(Checkout).mount('#app');
