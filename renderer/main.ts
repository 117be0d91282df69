import { mount } from 'svelte';
import App from './App.svelte';
import './ui/styles/global.css';
import { followLanguage } from './ui/state/language';

followLanguage();

const target = document.getElementById('app');
if (!target) throw new Error('#app is missing from index.html');

/** The renderer entry: one Svelte app, routed by the path. */
export default mount(App, { target });
