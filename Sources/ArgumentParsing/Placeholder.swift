// Placeholder until the in-house parser lands.
