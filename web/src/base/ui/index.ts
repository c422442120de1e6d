export { h, append, type Child, type Props } from './dom.ts';
export { icon, svgIcon, type IconName } from './icons.ts';
export { shell, type ShellOptions } from './shell.ts';
export { langSwitch } from './lang-switch.ts';
export { panel, emptyState, alertBox, showAlert, hideAlert, type LivePanel } from './components.ts';
