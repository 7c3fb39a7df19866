'use client';
// A separate entry (`@liveprogress/react/devtools`), so an app's production bundle carries it only if it renders it.

export { LiveProgressDevtools } from './devtools/live-progress-devtools.js';
export type { LiveProgressDevtoolsProps } from './devtools/live-progress-devtools.js';
export type { ClientInspection, InspectedOperation, InspectedEvent } from '@liveprogress/client';
