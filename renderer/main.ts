import { mount } from 'svelte';
import App from './App.svelte';
import { applyLocaleAtStart } from './i18n/locale-at-start';
import { prefs } from './ui/state/prefs.svelte';
import './ui/styles/global.css';

const target = document.getElementById('app');
if (!target) throw new Error('#app is missing from index.html');

void applyLocaleAtStart(prefs.locale);

/** The renderer entry: one Svelte app, routed by the path. */
export default mount(App, { target });
