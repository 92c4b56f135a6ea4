"""Sources -> Documents -> Mentions. Plain data, no networkx, no GraphQL."""
