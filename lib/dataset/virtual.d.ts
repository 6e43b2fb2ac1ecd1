declare module 'virtual:takedown-lens/match-index' {
  const index: import('../match/matcher').MatchIndex;
  export default index;
}

declare module 'virtual:takedown-lens/details' {
  const details: import('./compile').Details;
  export default details;
}
