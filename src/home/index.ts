// The home page's lists for the signed-in user (upcoming meetings; documents awaiting them).
export { homeRoutes } from './routes.ts';
