// Test design for the simulation bindings: narrow, 64-bit and wide ports, a registered
// accumulator and a combinational path, so every poke/peek width and the clock are exercised.
module nf_shim_probe #(
  parameter [7:0] STEP = 8'd1
) (
  input  wire          clk_i,
  input  wire          rst_ni,
  input  wire          en_i,
  input  wire [99:0]   wide_i,
  output wire [99:0]   wide_o,
  input  wire [63:0]   q_i,
  output wire [63:0]   q_o,
  output reg  [7:0]    count_o,
  output wire [12:0]   sum_o
);
  assign wide_o = ~wide_i;
  assign q_o    = q_i + 64'd1;
  assign sum_o  = {5'd0, count_o} + {5'd0, wide_i[7:0]};
  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni)   count_o <= 8'd0;
    else if (en_i) count_o <= count_o + STEP;
  end
endmodule
