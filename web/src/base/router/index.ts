export { Router, type Guard, type NavigateOptions, type Route, type RouteContext, type RouterOptions, type View } from './router.ts';
export { safeLocalPath, type PathParams } from './match-path.ts';
