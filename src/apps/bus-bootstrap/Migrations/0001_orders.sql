-- orders-api's orders (schema "orders", declared by orders-api).
CREATE TABLE orders.orders (
    id         uuid PRIMARY KEY,
    customer   text        NOT NULL,
    lines      jsonb       NOT NULL,
    total      numeric     NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX orders_created_at ON orders.orders (created_at);
