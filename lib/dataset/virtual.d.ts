declare module 'virtual:takedown-lens/match-index' {
  const pageMatcher: import('./bundles').PageMatcherData;
  export default pageMatcher;
}

declare module 'virtual:takedown-lens/details' {
  const details: import('./compile').Details;
  export default details;
}

declare module 'virtual:takedown-lens/names' {
  const names: import('./bundles').EntityNames;
  export default names;
}
