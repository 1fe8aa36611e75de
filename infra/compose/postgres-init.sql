-- One database per Postgres subgraph (each service migrates its own on start).
CREATE DATABASE storegraph_users;
CREATE DATABASE storegraph_products;
CREATE DATABASE storegraph_orders;
CREATE DATABASE storegraph_search;
