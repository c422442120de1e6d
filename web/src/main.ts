import './base/ui/styles.css';
import { createApp } from './app/create-app.ts';

const outlet = document.getElementById('app');
if (!outlet) throw new Error('index.html has no #app element');
void createApp(outlet).start();
