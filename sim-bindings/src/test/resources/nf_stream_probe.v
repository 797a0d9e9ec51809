// Test fixture for SimModel.runStream: a one-flit register between a 40-bit input stream that is
// ready only every other cycle and an output stream; the flit comes out one larger. done_o: the
// register is empty and as many flits left as came in.
module nf_stream_probe (
  input  wire        clk_i,
  input  wire        rst_ni,
  input  wire        in_valid_i,
  output wire        in_ready_o,
  input  wire [39:0] in_data_i,
  input  wire        in_last_i,
  output wire        out_valid_o,
  input  wire        out_ready_i,
  output wire [39:0] out_data_o,
  output wire        out_last_o,
  output wire        done_o
);
  reg        full_q;
  reg [39:0] d_q;
  reg        l_q;
  reg        ph_q;
  reg [7:0]  n_in_q;
  reg [7:0]  n_out_q;
  assign in_ready_o  = !full_q && ph_q;
  assign out_valid_o = full_q;
  assign out_data_o  = d_q;
  assign out_last_o  = l_q;
  assign done_o      = !full_q && n_in_q == n_out_q;
  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      full_q  <= 1'b0;
      d_q     <= 40'd0;
      l_q     <= 1'b0;
      ph_q    <= 1'b0;
      n_in_q  <= 8'd0;
      n_out_q <= 8'd0;
    end else begin
      ph_q <= !ph_q;
      if (full_q && out_ready_i) begin
        full_q  <= 1'b0;
        n_out_q <= n_out_q + 8'd1;
      end
      if (in_valid_i && in_ready_o) begin
        full_q <= 1'b1;
        d_q    <= in_data_i + 40'd1;
        l_q    <= in_last_i;
        n_in_q <= n_in_q + 8'd1;
      end
    end
  end
endmodule
