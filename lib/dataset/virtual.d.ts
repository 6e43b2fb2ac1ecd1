declare module 'virtual:takedown-lens/match-index' {
  const pageMatcher: {
    entities: import('../match/matcher').MatchEntity[];
    pattern: import('../match/matcher').CompiledPattern;
  };
  export default pageMatcher;
}

declare module 'virtual:takedown-lens/details' {
  const details: import('./compile').Details;
  export default details;
}
