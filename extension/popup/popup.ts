/** The toolbar popup's entry: renders the plans that need paying (see popup-view.ts). */
import { localToday } from '../../shared/dates.js';
import { showPopup } from './popup-view.js';

await showPopup(document.querySelector('main')!, localToday());
performance.mark('fenqi-popup-rendered');
document.body.dataset.ready = 'true';
